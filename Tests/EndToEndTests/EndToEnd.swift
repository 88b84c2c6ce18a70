import Foundation
import Testing

/// End-to-end tests run the real bundled server and models; scripts/test sets ASSIST_E2E=1 after
/// scripts/setup has assembled the models. Without it they are skipped, never faked.
let endToEndEnabled = ProcessInfo.processInfo.environment["ASSIST_E2E"] == "1"

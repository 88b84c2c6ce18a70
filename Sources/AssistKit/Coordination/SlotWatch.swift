/// Says so when a call to a bundled server waits for a slot: if no reply token has come after a
/// few seconds, it reads the server's metrics and, when requests are queued there, sends a
/// ``RunEvent/waitingForSlot(subtask:tier:slots:)``. Cancelled at the first token.
enum SlotWatch {
  /// How long a call may go without its first token before the server is asked.
  static let delay = Duration.seconds(10)

  /// Starts watching a call to `tier`, or returns `nil` for tiers assist does not run.
  /// - Parameters:
  ///   - tier: The tier called.
  ///   - subtask: The sub-task, for the event.
  ///   - client: The client whose transport reads the metrics.
  ///   - events: Where the event goes.
  /// - Returns: The watch, to cancel when the first token arrives or the call ends.
  static func start(
    tier: Tier, subtask: String, client: ModelClient, events: @escaping RunEventSink
  ) -> Task<Void, Never>? {
    guard tier.local != nil, let endpoint = tier.endpoints.first else { return nil }
    let transport = client.transport
    return Task {
      guard (try? await Task.sleep(for: delay)) != nil else { return }
      guard
        let status = await SlotStatus.read(
          baseURL: endpoint, slots: tier.slots, transport: transport),
        status.queued > 0, !Task.isCancelled
      else { return }
      events(.waitingForSlot(subtask: subtask, tier: tier.name, slots: status.description))
    }
  }
}

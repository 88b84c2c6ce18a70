import Foundation

/// JSON helpers shared by the provider codecs.
enum WireJSON {
  /// Serializes a JSON object with sorted keys (stable bytes for golden tests).
  static func encode(_ object: [String: Any]) throws(ProviderError) -> [UInt8] {
    do {
      return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    } catch {
      throw .invalidRequest(message: "cannot encode request: \(error)")
    }
  }

  /// Parses JSON text into a JSON value (for schemas given as text).
  static func parse(_ text: String) throws(ProviderError) -> Any {
    do {
      return try JSONSerialization.jsonObject(with: Data(text.utf8))
    } catch {
      throw .invalidRequest(message: "schema is not valid JSON")
    }
  }

  /// Decodes `T` from snake_case JSON.
  static func decode<T: Decodable>(_ type: T.Type, from bytes: some Sequence<UInt8>)
    throws(ProviderError) -> T
  {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    do {
      return try decoder.decode(type, from: Data(bytes))
    } catch {
      let text = String(decoding: Array(bytes.prefix(120)), as: UTF8.self)
      throw .malformedReply(message: "unexpected JSON: \(ProviderError.oneLine(text))")
    }
  }
}

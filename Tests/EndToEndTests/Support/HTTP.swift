import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Plain HTTP for the tests, with URLSession.
enum HTTP {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  static func get(_ url: String) throws -> String {
    try send("GET", url, body: nil, key: nil)
  }

  @discardableResult
  static func send(_ method: String, _ url: String, body: String?, key: String?) throws -> String {
    try exchange(method, url, body: body, key: key).body
  }

  /// `send`, with the answer's status.
  static func exchange(_ method: String, _ url: String, body: String?, key: String?) throws -> (
    status: Int, body: String
  ) {
    var request = URLRequest(url: URL(string: url)!)
    request.httpMethod = method
    if let body { request.httpBody = Data(body.utf8) }
    if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    request.timeoutInterval = 10
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var answer: Result<(status: Int, body: String), any Error> = .failure(
      Failure(description: "no answer"))
    URLSession.shared.dataTask(with: request) { data, response, error in
      if let error {
        answer = .failure(error)
      } else {
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        answer = .success((status, String(decoding: data ?? Data(), as: UTF8.self)))
      }
      done.signal()
    }.resume()
    done.wait()
    return try answer.get()
  }
}

import ArgumentParser

/// `--format text|json`, one type for every command that offers exactly these two (validate,
/// apply, get, local status); plan and drift add markdown (`ReviewFormat`). Commands whose
/// formats differ (list, connection, graph) keep their own value lists, so help and
/// completions offer only what each accepts.
enum TextOrJSONFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case json
}

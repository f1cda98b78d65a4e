import ArgumentParser

/// The executable's whole body: parse the command line, run it, and turn the outcome into
/// text and an exit code in one place.
public func runDooordb() async {
  await Dooordb.main()
}

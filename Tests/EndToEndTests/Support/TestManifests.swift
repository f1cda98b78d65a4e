/// Manifests several end-to-end suites share.
enum TestManifests {
  /// One PostgreSQL database, `acme/orders`, with nothing but its required fields.
  static let acmeOrders = """
    workspace: acme
    databases:
      - slug: orders
        name: Orders
        engine: postgresql
    """
}

import Testing

@testable import DooorCore

@Suite(.timeLimit(.minutes(5))) struct ExportManifestTests {
  @Test func writesDatabasesSortedBySlugWithSchemaLineAndQuoting() {
    let text = ManifestExporter.manifest(
      workspace: "acme",
      databases: [
        RemoteDatabase(
          id: "db_2", slug: "cache", name: "yes", engine: .redis, version: "7", cpu: "250m",
          memory: "512Mi", storageGb: 10, storageClass: "standard"),
        RemoteDatabase(
          id: "db_1", slug: "app-db", name: "App: main #1", engine: .postgresql, version: "16.2",
          cpu: "1", memory: "1Gi", storageGb: 20),
      ])
    #expect(
      text == """
        # yaml-language-server: $schema=../schemas/manifest.schema.json
        workspace: acme
        prune: false
        databases:
          - slug: app-db
            name: "App: main #1"
            engine: postgresql
            version: "16.2"
            cpu: "1"
            memory: 1Gi
            storageGb: 20
          - slug: cache
            name: "yes"
            engine: redis
            version: "7"
            cpu: 250m
            memory: 512Mi
            storageGb: 10
            storageClass: standard

        """)
  }

  @Test func emptyWorkspaceIsAnEmptyList() {
    let text = ManifestExporter.manifest(workspace: "empty", databases: [])
    #expect(text.hasSuffix("databases: []\n"))
  }
}

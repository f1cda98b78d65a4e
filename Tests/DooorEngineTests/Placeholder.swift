import Testing

@Test func placeholderDooorEngineTests() { #expect(Bool(true)) }

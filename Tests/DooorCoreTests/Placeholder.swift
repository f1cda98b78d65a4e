import Testing

@Test func placeholderDooorCoreTests() { #expect(Bool(true)) }

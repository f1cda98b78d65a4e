import Testing

@Test func placeholderDooorAPITests() { #expect(Bool(true)) }

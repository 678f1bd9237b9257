import Disclosure
import Testing

@Suite struct PublicCacheETagTests {
    /// The first 32 hex digits of the body's SHA-256 (as `sha256sum` prints it): unchanged by
    /// the move to swift-crypto, so a browser's cached copy still revalidates.
    @Test func anETagIsTheStartOfTheBodysSHA256() {
        #expect(PublicCache.etag("<p>hello</p>") == "\"a5652be1ca864d36d25cfb54a41f384e\"")
        #expect(PublicCache.etag("<p>hello</p>!") != PublicCache.etag("<p>hello</p>"))
    }
}

@testable import Disclosure
import Testing

@Suite struct PublicTextTests {
    @Test(arguments: [
        ("联系13712345678", "联系***"), ("电话 138 1234 5678 转", "电话 *** 转"), ("0915-5212345", "***"),
        ("身份证61092519900101123X号", "身份证***号"), ("身份证６１０９２５１９９００１０１１２３４", "身份证***"),
        ("138-1234-5678。", "***。"), ("2024年3号楼", "2024年3号楼"), ("12 345", "12 345"), ("第5栋 3-201", "第5栋 3-201"),
    ])
    func masksWhatCouldBeAPhoneOrIDNumber(_ input: String, _ expected: String) {
        #expect(PublicText.masked(input) == expected)
    }
}

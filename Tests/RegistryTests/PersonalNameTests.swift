import Registry
import Testing

@Suite struct PersonalNameTests {
    @Test func keepsTheSurnameOnly() throws {
        let cases = [
            ("张三", "张*"), ("张三丰", "张**"), ("欧阳娜娜", "欧阳**"), ("欧阳修", "欧阳*"),
            ("欧阳", "欧*"), ("王", "*"), ("诸葛亮", "诸葛*"), (" 李四 ", "李*"),
        ]
        for (name, masked) in cases {
            #expect(try PersonalName(name).masked == masked, "\(name)")
        }
        #expect(try PersonalName(" 李四 ").unmasked == "李四")
        #expect(try PersonalName("王一博").masked == "王**")  // 一 is a letter here, not a digit
    }

    @Test func refusesEmptyLongOrNumericNames() throws {
        for text in ["", "   ", "张3", "13812345678", String(repeating: "张", count: 51), "张\n三"] {
            let error = try TestValues.refusal { _ = try PersonalName(text) }
            #expect(error?.code == .invalidValue, "\(text)")
        }
    }
}

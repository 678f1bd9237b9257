/// Splits a SQL script into statements at top-level semicolons, for files that must run
/// outside a transaction (libpq would send a whole script as one implicit transaction).
///
/// Knows what can hide a semicolon: quoted strings (`'…'`, `E'…'`), quoted identifiers,
/// dollar-quoted bodies (`$fn$ … $fn$`), line comments and nested block comments.
enum SQLStatements {
    /// A statement's text and the 0-based character offset where it starts in the script.
    struct Statement: Equatable {
        var text: String
        var offset: Int
    }

    static func split(_ script: String) -> [Statement] {
        let characters = Array(script)
        var statements: [Statement] = []
        var start = 0
        var index = 0
        func peek(_ offset: Int) -> Character? {
            index + offset < characters.count ? characters[index + offset] : nil
        }
        func skipQuoted(_ quote: Character, backslashEscapes: Bool) {
            index += 1
            while index < characters.count {
                let character = characters[index]
                if backslashEscapes, character == "\\" { index += 2; continue }
                if character == quote {
                    if peek(1) == quote { index += 2; continue }  // doubled quote
                    index += 1
                    return
                }
                index += 1
            }
        }
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "'":
                let escaped = index > 0 && (characters[index - 1] == "E" || characters[index - 1] == "e")
                skipQuoted("'", backslashEscapes: escaped)
            case "\"":
                skipQuoted("\"", backslashEscapes: false)
            case "-" where peek(1) == "-":
                while index < characters.count, characters[index] != "\n" { index += 1 }
            case "/" where peek(1) == "*":
                var depth = 0
                repeat {
                    if characters[index] == "/", peek(1) == "*" { depth += 1; index += 2 }
                    else if characters[index] == "*", peek(1) == "/" { depth -= 1; index += 2 }
                    else { index += 1 }
                } while depth > 0 && index < characters.count
            case "$":
                if let tag = dollarTag(characters, at: index) {
                    index += tag.count
                    while index < characters.count, !characters[index...].starts(with: tag) { index += 1 }
                    index += tag.count
                } else {
                    index += 1
                }
            case ";":
                append(characters[start..<index], offset: start, to: &statements)
                index += 1
                start = index
            default:
                index += 1
            }
        }
        if start < characters.count { append(characters[start...], offset: start, to: &statements) }
        return statements
    }

    /// `$tag$` or `$$` starting at `index`, unless the `$` is part of a placeholder or identifier.
    private static func dollarTag(_ characters: [Character], at index: Int) -> [Character]? {
        if index > 0, characters[index - 1].isLetter || characters[index - 1].isNumber || characters[index - 1] == "_" {
            return nil
        }
        var end = index + 1
        while end < characters.count, characters[end].isLetter || characters[end] == "_"
            || (end > index + 1 && characters[end].isNumber) {
            end += 1
        }
        guard end < characters.count, characters[end] == "$" else { return nil }
        return Array(characters[index...end])
    }

    /// Keeps statements that hold more than whitespace and comments.
    private static func append(_ slice: ArraySlice<Character>, offset: Int, to statements: inout [Statement]) {
        let text = String(slice)
        var meaningful = false
        for line in text.split(separator: "\n") {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if !trimmed.isEmpty, !trimmed.hasPrefix("--") { meaningful = true; break }
        }
        if meaningful { statements.append(Statement(text: text, offset: offset)) }
    }
}

import GovregCommandLine
import Testing

/// A connection string's password never shows; the rest of it does.
@Suite struct RedactionTests {
    @Test(arguments: [
        ("postgresql://govreg:s3cret@db.example.org:5432/govreg?sslmode=verify-full", "postgresql://govreg:***@db.example.org:5432/govreg?sslmode=verify-full"),
        ("postgres://u:p%40ss@h/db", "postgres://u:***@h/db"),
        ("postgresql://u:pa@ss@h", "postgresql://u:***@h"),
        ("postgresql://u@h/db?password=s3cret&sslmode=require", "postgresql://u@h/db?password=***&sslmode=require"),
        ("postgresql://h/db", "postgresql://h/db"),
        ("host=db dbname=govreg password=s3cret user=govreg", "host=db dbname=govreg password=*** user=govreg"),
        ("host=db password = 'a b\\' c' user=govreg", "host=db password = *** user=govreg"),
        ("host=/tmp dbname=govreg", "host=/tmp dbname=govreg"),
        // Passwords holding what ends a URL's parts, unescaped, and values ended by a tab or a newline.
        ("postgresql://govreg:ab/cd+ef==@db/govreg", "postgresql://govreg:***@db/govreg"),
        ("postgresql://govreg:a?b#c@db/govreg?sslmode=require", "postgresql://govreg:***@db/govreg?sslmode=require"),
        ("postgresql://h/db?password=a@b&sslmode=require", "postgresql://h/db?password=***&sslmode=require"),
        ("host=db\tpassword=s3cret\nuser=govreg", "host=db\tpassword=***\nuser=govreg"),
    ])
    func connectionStrings(_ text: String, _ shown: String) {
        #expect(Redaction.connectionString(text) == shown)
    }

    @Test func theDatabaseSettingIsShownRedactedInErrorsToo() throws {
        do {
            _ = try Settings.read(flags: [.databaseURL: "postgresql://u:s3cret@h/db", .port: "x"], environment: [:])
            Issue.record("no error")
        } catch {
            #expect(!"\(error)".contains("s3cret"))
        }
        #expect(Setting.databaseURL.shown("host=h password=s3cret") == "host=h password=***")
    }
}

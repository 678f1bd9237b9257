import GovregTestSupport
@testable import Postgres
import Testing

@Suite struct SessionParametersTests {
    /// What a client program is handed reaches the same server and database as the same
    /// user, and keeps the password out of the conninfo that goes on its command line.
    @Test func keepThePasswordApartFromTheConninfo() async throws {
        try await TestDatabase.withFresh { configuration in
            var withPassword = configuration
            // The test server trusts local connections, so the password is carried, not checked.
            withPassword.connectionString += " password='it\\'s s3cret: \\\\ too'"
            let connection = try await Connection.connect(withPassword)
            let parameters = try await connection.sessionParameters()
            let database = try await connection.query("SELECT current_database() AS name")[0].decode(String.self, "name")
            await connection.close()

            #expect(parameters.password == "it's s3cret: \\ too")
            #expect(!parameters.conninfo.contains("s3cret"))
            #expect(parameters.settings["dbname"] == database)
            #expect(parameters.settings["options"] == nil)
            // The conninfo alone opens the same database.
            let again = try await Connection.connect(ConnectionConfiguration(parameters.conninfo))
            let name = try await again.query("SELECT current_database() AS name")[0].decode(String.self, "name")
            await again.close()
            #expect(name == database)
        }
    }

    @Test func quotesValuesLibpqWouldSplit() {
        #expect(SessionParameters.quoted("plain") == "plain")
        #expect(SessionParameters.quoted("") == "''")
        #expect(SessionParameters.quoted("/tmp/a b") == "'/tmp/a b'")
        #expect(SessionParameters.quoted("o'k\\") == "'o\\'k\\\\'")
    }
}

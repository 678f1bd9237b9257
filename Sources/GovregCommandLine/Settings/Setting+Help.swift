public import ArgumentParser

extension Setting {
    /// A flag's help: what it does, then where its value comes from when the flag is not
    /// given, read from this setting so that the help and `govreg config` cannot disagree.
    ///
    /// ```swift
    /// @Option(help: Setting.port.flagHelp("Port to listen on.")) var port: String?
    /// // Port to listen on. (default: $GOVREG_PORT, then serve.port in the configuration file, then 8080)
    /// ```
    public func flagHelp(_ text: String) -> ArgumentHelp {
        ArgumentHelp("\(text) (default: $\(environmentVariable), then \(key) in the configuration file, then \(defaultValue ?? unsetMeaning))")
    }
}

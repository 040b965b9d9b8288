public enum Probe { public static var names: [String] { BuiltinTheme.files.keys.sorted() } }

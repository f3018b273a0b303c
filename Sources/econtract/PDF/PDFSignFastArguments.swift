/// `econtract pdf sign` read without ArgumentParser, for its common form only: PEM key files
/// and plain `--name value` options.
///
/// ArgumentParser learns a command's options by reflection: it mirrors every property wrapper
/// and instantiates its generic type, and each type the Swift runtime meets for the first time
/// costs one scan of all the protocol conformances linked into the binary (about 12,500 here).
/// For a small B-B signature that was half of the whole process's instructions. This reader
/// knows the options below and nothing else: anything else — another option, `--name=value`,
/// an option given twice, a value starting with `-`, a missing `--in`, `--out`, `--key` or
/// `--cert`, help — returns `nil`, and ArgumentParser reads the arguments as before, with its
/// messages. `PDFSignFastArgumentsTests` checks, for many argument lists, that both readers
/// give the same ``PDFSignJob``, and that the lists it must leave to ArgumentParser are left.
struct PDFSignFastArguments {
    /// The job, as `PDFSignCommand` would make it from the same arguments.
    var job: PDFSignJob
    /// How many `-v` were given.
    var verbosity: Int

    /// The arguments after the executable's name, when they are `pdf sign` in the common
    /// form; `nil` otherwise.
    static func parse(_ arguments: [String]) -> PDFSignFastArguments? {
        guard arguments.count > 2, arguments[0] == "pdf", arguments[1] == "sign" else { return nil }
        var input, output, key, certificate, level, tsa, field, reason, location, contact: String?
        var chain: [String] = []
        var verbosity = 0
        var index = 2
        while index < arguments.count {
            let name = arguments[index]
            switch name {
            case "-v", "--verbose": verbosity += 1; index += 1; continue
            case "-vv": verbosity += 2; index += 1; continue
            default: break
            }
            guard index + 1 < arguments.count else { return nil }
            let value = arguments[index + 1]
            guard !value.hasPrefix("-") else { return nil }
            index += 2
            func once(_ slot: inout String?) -> Bool {
                guard slot == nil else { return false }
                slot = value
                return true
            }
            let taken: Bool
            switch name {
            case "--in": taken = once(&input)
            case "--out": taken = once(&output)
            case "--key": taken = once(&key)
            case "--cert": taken = once(&certificate)
            case "--chain": chain.append(value); taken = true
            case "--level": taken = once(&level)
            case "--tsa": taken = once(&tsa)
            case "--field": taken = once(&field)
            case "--reason": taken = once(&reason)
            case "--location": taken = once(&location)
            case "--contact": taken = once(&contact)
            default: taken = false
            }
            guard taken else { return nil }
        }
        guard let input, let output, let key, let certificate else { return nil }
        let job = PDFSignJob(input: input, output: output, key: .pemFiles(key: key, certificate: certificate, chain: chain),
                             level: level, tsa: tsa, field: field, reason: reason, location: location, contact: contact)
        return PDFSignFastArguments(job: job, verbosity: verbosity)
    }
}

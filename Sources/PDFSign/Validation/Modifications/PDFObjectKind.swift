/// What an object is, as far as messages and the shadow-attack classification care.
enum PDFObjectKind: Equatable, CustomStringConvertible {
    case font
    case fontDescriptor
    case formXObject
    case image
    case objectStream
    case crossReferenceStream
    /// A dictionary (or stream) with another /Type.
    case typed(PDFName)
    case stream
    case object

    init(_ value: PDFObject) {
        guard let dictionary = value.dictionaryValue else {
            self = .object
            return
        }
        switch (dictionary.name("Type")?.string, dictionary.name("Subtype")?.string) {
        case ("Font"?, _): self = .font
        case ("FontDescriptor"?, _): self = .fontDescriptor
        case (_, "Form"?): self = .formXObject
        case (_, "Image"?): self = .image
        case ("ObjStm"?, _): self = .objectStream
        case ("XRef"?, _): self = .crossReferenceStream
        case (let type?, _): self = .typed(PDFName(type))
        default:
            if dictionary["FontFile"] != nil || dictionary["FontFile2"] != nil || dictionary["FontFile3"] != nil {
                self = .fontDescriptor
            } else {
                self = value.streamValue != nil ? .stream : .object
            }
        }
    }

    /// Whether the object draws (or shapes) what a page shows, so replacing it is the shadow
    /// attack's replace variant.
    var drawsContent: Bool {
        switch self {
        case .font, .fontDescriptor, .formXObject, .image: true
        default: false
        }
    }

    var description: String {
        switch self {
        case .font: "font"
        case .fontDescriptor: "font descriptor"
        case .formXObject: "form XObject"
        case .image: "image"
        case .objectStream: "object stream"
        case .crossReferenceStream: "cross-reference stream"
        case .typed(let type): "/\(type.string) object"
        case .stream: "stream"
        case .object: "object"
        }
    }
}

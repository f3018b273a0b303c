extension PDFStampImage {
    /// Writes the image XObject (and, for transparency, its /SMask) through `sink`.
    package func makeXObject(into sink: some PDFObjectSink) throws -> PDFObjectReference {
        switch content {
        case .png(let image):
            var dictionary = Self.imageDictionary(width: image.width, height: image.height,
                                                  colorSpace: image.colorComponents == 3 ? "DeviceRGB" : "DeviceGray", filter: "FlateDecode")
            if let alpha = image.alpha {
                let mask = sink.addStream(Self.imageDictionary(width: image.width, height: image.height, colorSpace: "DeviceGray", filter: "FlateDecode"),
                                          data: try FlateEncoder.encode(alpha))
                dictionary["SMask"] = .reference(mask)
            }
            return sink.addStream(dictionary, data: try FlateEncoder.encode(image.pixels))
        case .jpeg(let info, let bytes):
            let colorSpace: PDFName = info.components == 1 ? "DeviceGray" : info.components == 3 ? "DeviceRGB" : "DeviceCMYK"
            var dictionary = Self.imageDictionary(width: info.width, height: info.height, colorSpace: colorSpace, filter: "DCTDecode")
            if info.components == 4, info.hasAdobeMarker {
                dictionary["Decode"] = .array([1, 0, 1, 0, 1, 0, 1, 0].map { .integer($0) })
            }
            return sink.addStream(dictionary, data: bytes)
        }
    }

    private static func imageDictionary(width: Int, height: Int, colorSpace: PDFName, filter: PDFName) -> PDFDictionary {
        PDFDictionary([
            "Type": .name("XObject"),
            "Subtype": .name("Image"),
            "Width": .integer(Int64(width)),
            "Height": .integer(Int64(height)),
            "ColorSpace": .name(colorSpace),
            "BitsPerComponent": .integer(8),
            "Filter": .name(filter),
        ])
    }
}

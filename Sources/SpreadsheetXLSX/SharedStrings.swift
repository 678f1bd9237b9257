import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `xl/sharedStrings.xml`: the texts that cells of type `s` point at by index.
///
/// A rich-text string is several runs (`<r><t>…</t></r>`), each with its own font; the
/// cell's text is the runs joined. Phonetic guides (`<rPh>`, furigana and pinyin over the
/// text) are not part of the text and are left out.
final class SharedStrings: NSObject, XMLParserDelegate {
    private(set) var strings: [String] = []
    /// Set when the part holds more strings than a sheet may have cells; parsing stops there.
    private(set) var limitReached: WorkbookError?
    private var current = ""
    private var inText = false
    private var phoneticDepth = 0

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch element {
        case "si": current = ""
        case "rPh": phoneticDepth += 1
        case "t": inText = phoneticDepth == 0
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch element {
        case "si":
            // Tiny `<si/>` elements compress to almost nothing; a count bounds the memory.
            guard strings.count < SheetParser.cellLimit else {
                limitReached = .tooManyCells(SheetParser.cellLimit)
                parser.abortParsing()
                return
            }
            strings.append(current)
        case "rPh": phoneticDepth -= 1
        case "t": inText = false
        default: break
        }
    }
}

// PDFSign — PDF parsing, incremental writing, PAdES signing and validation.
//
// This module will hold the PDF reader (lexer, cross-reference tables and streams,
// repair, filters), the incremental writer, PAdES B-B/B-T/B-LT/B-LTA signing and the
// strict validator with modification analysis. It is filled by later issues; until
// then it intentionally exports nothing.
import CMSCore
import TimestampClient

// PDFSign tests arrive with the PDF reader.

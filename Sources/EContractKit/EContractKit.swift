// EContractKit — the umbrella module: `import EContractKit` brings in every module of the SDK.
@_exported import CMSCore
@_exported import TimestampClient
@_exported import PDFSign
@_exported import ContractModel
@_exported import LegalRetention
@_exported import EvidenceRecords

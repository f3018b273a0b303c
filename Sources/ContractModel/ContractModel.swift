// ContractModel — contracts, parties, signing workflow and audit trail.
//
// This module will model a contract and its parties (当事者型 and 立会人型 signers),
// the signing workflow and its audit log on top of PDFSign. It is filled by a later
// issue; until then it intentionally exports nothing.
import PDFSign

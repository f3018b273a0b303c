// LegalRetention — archiving signed contracts as 電子帳簿保存法 requires.
//
// This module will hold the archive (search by transaction date, amount and
// counterparty, retention periods, recorded corrections and deletions, audit log,
// per-document encryption) with pluggable storage. It is filled by a later issue;
// until then it intentionally exports nothing.
import ContractModel

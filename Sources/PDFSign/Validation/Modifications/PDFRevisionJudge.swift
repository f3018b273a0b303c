/// Compares one revision with the one before it under a policy and records findings on the run:
/// the phase object the rules read (both revision views, the roles objects played before, what
/// DocMDP and FieldMDP allow) and whose per-revision state they share.
final class PDFRevisionJudge {
    let run: PDFModificationRun
    let old: PDFRevisionView
    let new: PDFRevisionView
    let index: Int
    /// New objects (numbers not in use in `old`).
    private(set) var newObjects: Set<Int> = []
    /// Objects this revision writes (in use and readable), in object-number order.
    private(set) var written: [(number: Int, value: PDFObject)] = []
    /// References from allowed changes (their new targets are approved).
    private(set) var approvedSeeds: [PDFObjectReference] = []
    /// References from disallowed changes (their new targets are covered by that finding).
    private(set) var coveredSeeds: [PDFObjectReference] = []
    /// Signature widgets already checked in this revision.
    var checkedWidgets: Set<Int> = []
    lazy var structure = run.structure(of: old)

    init(run: PDFModificationRun, old: PDFRevisionView, new: PDFRevisionView) {
        self.run = run
        self.old = old
        self.new = new
        self.index = new.revision.index
    }

    /// The DocMDP level in force for this revision (nil: not certified before it).
    var permission: PDFCertificationLevel? { run.permission(for: index) }
    var isCertified: Bool { permission != nil }

    /// The FieldMDP lock covering `fieldName` for this revision, described.
    func lock(covering fieldName: String) -> String? { run.lock(covering: fieldName, in: index) }

    /// Records a verdict: its findings on the run, its references as approved or covered seeds.
    func record(_ verdict: PDFRuleVerdict) {
        for finding in verdict.findings {
            run.add(finding.code, "revision \(index): " + finding.message, finding.objects)
            if let value = finding.covering { pdfReferences(in: value, into: &coveredSeeds) }
        }
        for value in verdict.approved { pdfReferences(in: value, into: &approvedSeeds) }
    }

    private func disallow(_ code: PDFValidationFinding.Code, _ message: String, _ objects: [Int], covering value: PDFObject? = nil) {
        record(.disallowing(code, message, objects, covering: value))
    }

    // MARK: Driver

    func judge(under policy: PDFModificationPolicy) {
        let changed = compare()
        for rule in policy.revisionRules { record(rule.review(self)) }
        for change in changed { record(verdict(on: change, under: policy)) }
        for rule in policy.settlementRules { record(rule.review(self)) }
    }

    /// The verdict of the first rule claiming `change` (each rule is asked once: rules record
    /// state such as the widgets checked), or the policy's verdict on an unexplained change.
    private func verdict(on change: PDFObjectChange, under policy: PDFModificationPolicy) -> PDFRuleVerdict {
        for rule in policy.objectRules {
            if let verdict = rule.review(change, in: self) { return verdict }
        }
        return PDFModificationPolicy.unexplained(change)
    }

    /// Walks the revision's cross-reference entries: freed, unreadable and re-pointed objects
    /// are findings here; new objects are set aside; the rewritten ones are returned.
    private func compare() -> [PDFObjectChange] {
        var changed: [PDFObjectChange] = []
        let signedEnd = run.document.revisions[run.signedRevision].endOffset ?? 0
        for (number, entry) in new.revision.entries.sorted(by: { $0.key < $1.key }) where number != 0 {
            guard entry.isInUse else {
                if old.exists(number) {
                    disallow(.shadowAttackHide, "object \(number) present when signed is freed (content can disappear)", [number])
                }
                continue
            }
            guard let newValue = new.object(number) else {
                disallow(.unparseable, "object \(number) listed in the cross-reference section cannot be read", [number])
                continue
            }
            written.append((number, newValue))
            guard old.exists(number), let oldValue = old.object(number) else {
                newObjects.insert(number)
                continue
            }
            if identical(oldValue, newValue) { continue }
            // Re-pointed to bytes written before this revision (prepared before signing).
            var repointed = false
            switch entry {
            case .inUse(let offset, _):
                repointed = offset < (old.revision.endOffset ?? signedEnd)
            case .compressed(let streamNumber, _):
                repointed = new.revision.entries[streamNumber] == nil && old.exists(streamNumber)
            case .free:
                break
            }
            if repointed {
                disallow(.shadowAttackHideAndReplace, "object \(number) is re-pointed to a different body written before this revision", [number], covering: newValue)
                continue
            }
            changed.append(PDFObjectChange(number: number, old: oldValue, new: newValue))
        }
        return changed
    }
}

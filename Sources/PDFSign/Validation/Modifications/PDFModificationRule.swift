/// One object a revision rewrote: its body in the revision before and in the revision judged.
struct PDFObjectChange {
    let number: Int
    let old: PDFObject
    let new: PDFObject
}

/// What a rule concluded: findings (each disallows something, and covers the new objects its
/// value references) and values whose references it approves (new objects reached from them are
/// explained). A verdict with no findings explains its change.
struct PDFRuleVerdict {
    struct Finding {
        var code: PDFValidationFinding.Code
        var message: String
        var objects: [Int]
        var covering: PDFObject?
    }

    private(set) var findings: [Finding] = []
    private(set) var approved: [PDFObject] = []

    /// The change is explained: nothing found, `value`'s references approved.
    static func approving(_ value: PDFObject?) -> PDFRuleVerdict {
        var verdict = PDFRuleVerdict()
        verdict.approve(value)
        return verdict
    }

    /// A verdict holding one finding.
    static func disallowing(_ code: PDFValidationFinding.Code, _ message: String, _ objects: [Int], covering value: PDFObject? = nil) -> PDFRuleVerdict {
        var verdict = PDFRuleVerdict()
        verdict.disallow(code, message, objects, covering: value)
        return verdict
    }

    mutating func disallow(_ code: PDFValidationFinding.Code = .disallowedModification, _ message: String, _ objects: [Int], covering value: PDFObject? = nil) {
        findings.append(Finding(code: code, message: message, objects: objects, covering: value))
    }

    mutating func approve(_ value: PDFObject?) {
        if let value { approved.append(value) }
    }
}

/// A rule for objects present in the signed revision that a later revision rewrites
/// (pyHanko's `WhitelistRule`). The policy asks its rules in order; the first that returns a
/// verdict claims the change. A change no rule claims is disallowed.
protocol PDFModificationRule: Sendable {
    /// The verdict on `change` when the object plays the role this rule judges, nil otherwise.
    /// `revision` gives the two revision views, the roles objects played before, and what
    /// DocMDP (`PDFRevisionJudge/permission`) and FieldMDP (`PDFRevisionJudge/lock(covering:)`) allow.
    func review(_ change: PDFObjectChange, in revision: PDFRevisionJudge) -> PDFRuleVerdict?
}

/// A rule looking at a revision as a whole (its trailer, every object it writes, the objects it
/// adds) rather than claiming single changes.
protocol PDFRevisionRule: Sendable {
    func review(_ revision: PDFRevisionJudge) -> PDFRuleVerdict
}

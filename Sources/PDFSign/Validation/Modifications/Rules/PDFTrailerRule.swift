/// The trailer: /Root must keep pointing at the signed catalog, /Encrypt must not change, and
/// /Info may be replaced (its new objects are approved; pyHanko's `DocInfoRule`).
struct PDFTrailerRule: PDFRevisionRule {
    func review(_ revision: PDFRevisionJudge) -> PDFRuleVerdict {
        let old = revision.old, new = revision.new
        var verdict = PDFRuleVerdict()
        let oldRoot = old.rootReference, newRoot = new.rootReference
        if oldRoot != newRoot {
            let target = newRoot?.number ?? -1
            if old.exists(target) {
                verdict.disallow(.shadowAttackHideAndReplace, "trailer /Root re-pointed from \(oldRoot?.description ?? "nothing") to \(target) 0 R, an object that existed when signed", [target])
            } else {
                verdict.disallow(.shadowAttackReplace, "trailer /Root re-pointed to a new catalog \(target) 0 R", [target], covering: new.trailerValue("Root"))
            }
        }
        verdict.approve(new.trailerValue("Info"))
        if old.trailerValue("Encrypt") != new.trailerValue("Encrypt") {
            verdict.disallow(.disallowedModification, "trailer /Encrypt changed", [])
        }
        return verdict
    }
}

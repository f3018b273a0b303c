/// The bookkeeping shared by validation reports: a list of checks and a verdict that only
/// ever gets worse (TOTAL-PASSED < INDETERMINATE < TOTAL-FAILED; the first reason of the
/// worst kind is kept).
package protocol ValidationRecording {
    var indication: ValidationIndication { get set }
    var subIndication: ValidationSubIndication? { get set }
    var checks: [ValidationCheck] { get set }
}

extension ValidationIndication {
    /// Severity order: TOTAL-PASSED 0, INDETERMINATE 1, TOTAL-FAILED 2.
    package var severity: Int {
        switch self {
        case .totalPassed: 0
        case .indeterminate: 1
        case .totalFailed: 2
        }
    }
}

extension ValidationRecording {
    /// Records a failed check and lowers the verdict.
    package mutating func record(_ indication: ValidationIndication, _ sub: ValidationSubIndication, _ name: ValidationCheck.Name, _ detail: String) {
        checks.append(ValidationCheck(name: name, outcome: .failed, detail: detail))
        lower(to: indication, sub)
    }

    /// Lowers the verdict to `indication` unless it already is at least as bad.
    package mutating func lower(to indication: ValidationIndication, _ sub: ValidationSubIndication?) {
        if indication.severity > self.indication.severity {
            self.indication = indication
            self.subIndication = sub
        }
    }

    /// Records a passed check.
    package mutating func pass(_ name: ValidationCheck.Name, _ detail: String) {
        checks.append(ValidationCheck(name: name, outcome: .passed, detail: detail))
    }

    /// Records a check that passed with a warning.
    package mutating func warn(_ name: ValidationCheck.Name, _ detail: String) {
        checks.append(ValidationCheck(name: name, outcome: .warning, detail: detail))
    }
}

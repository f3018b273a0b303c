import CPKCS11
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A PKCS#11 module (a Cryptoki library such as `libsofthsm2.so` or `opensc-pkcs11.so`),
/// loaded with `dlopen` by path and initialised for multi-threaded use (`CKF_OS_LOCKING_OK`).
///
/// A module is loaded and initialised once per process and path (``load(path:)`` returns the
/// same instance), and stays loaded: `C_Finalize` would end every other user's sessions in
/// the process. The module's calls block, so the provider runs them on a dispatch queue, not
/// on the Swift concurrency pool.
public final class PKCS11Module: @unchecked Sendable {
    // @unchecked: immutable after init; the function list is the module's own, constant table,
    // and the module was initialised with CKF_OS_LOCKING_OK, so calls from any thread are safe
    // (sessions are never used by two threads at once: see PKCS11SessionPool).

    /// The path the module was loaded from.
    public let path: String
    let functions: UnsafePointer<CK_FUNCTION_LIST>
    private let handle: UnsafeMutableRawPointer

    private static let lock = NSLock()
    nonisolated(unsafe) private static var loaded: [String: PKCS11Module] = [:]

    /// Loads and initialises the module at `path`, or returns the already loaded one.
    ///
    /// - Throws: ``PKCS11Error`` with ``PKCS11Error/Code/moduleNotFound`` when there is no
    ///   file, ``PKCS11Error/Code/notAPKCS11Module`` when it is not a library with
    ///   `C_GetFunctionList`, or the module's own error from `C_Initialize`.
    public static func load(path: String) throws -> PKCS11Module {
        let key = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        lock.lock()
        defer { lock.unlock() }
        if let module = loaded[key] { return module }
        let module = try PKCS11Module(path: key)
        loaded[key] = module
        return module
    }

    private init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw PKCS11Error(.moduleNotFound, "no PKCS#11 module at \(path)")
        }
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            let detail = dlerror().map { String(cString: $0) } ?? "dlopen failed"
            throw PKCS11Error(.notAPKCS11Module, "\(path) is not a loadable library: \(detail)")
        }
        guard let symbol = dlsym(handle, "C_GetFunctionList") else {
            dlclose(handle)
            throw PKCS11Error(.notAPKCS11Module, "\(path) has no C_GetFunctionList: not a PKCS#11 module")
        }
        typealias GetFunctionList = @convention(c) (UnsafeMutablePointer<UnsafeMutablePointer<CK_FUNCTION_LIST>?>?) -> CK_RV
        let getFunctionList = unsafeBitCast(symbol, to: GetFunctionList.self)
        var list: UnsafeMutablePointer<CK_FUNCTION_LIST>?
        let rv = getFunctionList(&list)
        guard rv == CKR_OK, let list, list.pointee.version.major == 2 || list.pointee.version.major == 3 else {
            dlclose(handle)
            throw PKCS11Error(.notAPKCS11Module, "\(path): C_GetFunctionList returned \(PKCS11ReturnValue(rv)) or an unknown version")
        }
        var arguments = CK_C_INITIALIZE_ARGS()
        arguments.flags = CK_FLAGS(CKF_OS_LOCKING_OK)
        let initialised = withUnsafeMutablePointer(to: &arguments) { list.pointee.C_Initialize?(UnsafeMutableRawPointer($0)) } ?? CKR_FUNCTION_NOT_SUPPORTED
        guard initialised == CKR_OK || initialised == CKR_CRYPTOKI_ALREADY_INITIALIZED else {
            dlclose(handle)
            throw PKCS11Error(function: "C_Initialize", returnValue: PKCS11ReturnValue(initialised))
        }
        self.path = path
        self.handle = handle
        self.functions = UnsafePointer(list)
    }

    /// Throws the typed error for `rv` unless it is `CKR_OK`.
    @inline(__always)
    func check(_ rv: CK_RV?, _ function: String) throws {
        guard let rv else { throw PKCS11Error(.unsupportedMechanism, "the module does not provide \(function)") }
        guard rv == CKR_OK else { throw PKCS11Error(function: function, returnValue: PKCS11ReturnValue(rv)) }
    }

    private static let queue = DispatchQueue(label: "EContractKit.PKCS11Module", attributes: .concurrent)

    /// Runs a blocking Cryptoki call off the Swift concurrency pool.
    func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Self.queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}

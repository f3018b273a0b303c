// swift-tools-version:6.1
import Foundation
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
]

#if os(Linux)
let cpkcs11PkgConfig: String? = nil
let copensslPkgConfig: String? = nil
#else
let cpkcs11PkgConfig: String? = "p11-kit-1"
let copensslPkgConfig: String? = "libcrypto"
#endif

/// Where CMSCoreOpenSSL links libcrypto: everywhere but Linux, where it is loaded with dlopen
/// on first use (`LibCrypto`), so that the CLI's start-up does not load and relocate it.
let libcryptoLinked: [Platform] = [.macOS, .iOS, .tvOS, .watchOS, .visionOS]

/// The `econtract` executable's Linux release link, for start-up time (README, "Start-up"): the
/// Swift runtime and Foundation linked statically (`--static-swift-stdlib` is no longer needed,
/// and still works), and no dynamic symbol table of the executable's own symbols (less for the
/// loader to relocate and look through). Unsafe flags are allowed only on the root package's
/// targets; this one is no library product's, so packages depending on EContractKit never see them.
let econtractReleaseLinking: [LinkerSetting] = [
    .unsafeFlags(["-static-stdlib", "-Xlinker", "--no-export-dynamic"], .when(platforms: [.linux], configuration: .release)),
]
/// The same `-static-stdlib` when compiling the executable's module, so that its imports name the
/// static libraries behind Foundation (CoreFoundation, ICU data …) for the linker, as
/// `--static-swift-stdlib` does.
let econtractReleaseCompiling: [SwiftSetting] = [
    .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "EContractKit",
    platforms: [.macOS(.v14), .iOS(.v17), .tvOS(.v17), .watchOS(.v10), .visionOS(.v1)],
    products: [
        .library(name: "CMSCore", targets: ["CMSCore"]),
        .library(name: "CMSCorePKCS11", targets: ["CMSCorePKCS11"]),
        .library(name: "TimestampClient", targets: ["TimestampClient"]),
        .library(name: "PDFSign", targets: ["PDFSign"]),
        .library(name: "ContractModel", targets: ["ContractModel"]),
        .library(name: "ContractStoreSQLite", targets: ["ContractStoreSQLite"]),
        .library(name: "ContractStorePostgres", targets: ["ContractStorePostgres"]),
        .library(name: "LegalRetention", targets: ["LegalRetention"]),
        .library(name: "LegalRetentionSQLite", targets: ["LegalRetentionSQLite"]),
        .library(name: "LegalRetentionPostgres", targets: ["LegalRetentionPostgres"]),
        .library(name: "EvidenceRecords", targets: ["EvidenceRecords"]),
        .library(name: "EContractKit", targets: ["EContractKit"]),
        .library(name: "CMSCoreOpenSSL", targets: ["CMSCoreOpenSSL"]),
        .executable(name: "econtract", targets: ["econtract"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.3.0"),
        // Documentation only (`swift package generate-documentation`); links into nothing.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "4.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/attaswift/BigInt.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        // The HTTP client on Linux (OCSP, CRLs, AIA, RFC 3161); Apple platforms use URLSession.
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // Embedded SQLite for the ContractStoreSQLite target only.
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        // PostgreSQL for the ContractStorePostgres target only (several app processes on one database).
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
        // The SigningPortal example and its tests only; no library product depends on it.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
        // The ダウンロードの求め export ZIP, in the LegalRetention target only.
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.19"),
        // NIOCore for the loopback test server (already in the graph through async-http-client and Hummingbird).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
    ],
    targets: [
        .target(
            name: "CMSCore",
            dependencies: [
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "BigInt", package: "BigInt"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client", condition: .when(platforms: [.linux])),
            ],
            swiftSettings: strictSettings
        ),
        // Cryptoki 2.40 headers from p11-kit (headers only: modules are dlopen'ed by path). No
        // pkg-config on Linux: its `-lp11-kit` would load libp11-kit and libffi into every start of
        // the CLI; the shim finds Debian's header without it. Homebrew's needs pkg-config's -I.
        .systemLibrary(name: "CPKCS11", path: "Sources/CPKCS11", pkgConfig: cpkcs11PkgConfig,
                       providers: [.apt(["libp11-kit-dev"]), .brew(["p11-kit"])]),
        // Signing keys in HSMs and smart cards over PKCS#11; a product of its own so that
        // CMSCore builds without p11-kit.
        .target(
            name: "CMSCorePKCS11",
            dependencies: [
                "CMSCore", "CPKCS11",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: strictSettings
        ),
        // The system's OpenSSL 3 libcrypto headers (Debian: libssl-dev), only under CMSCoreOpenSSL.
        // The module map links nothing. Linux needs no pkg-config (the headers are in /usr/include,
        // libcrypto.so.3 is dlopen'ed); elsewhere libcrypto.pc gives Homebrew's -I and -L (not
        // openssl.pc: that adds -lssl, which nothing here calls).
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL", pkgConfig: copensslPkgConfig,
                       providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]),
        // Optional: what swift-crypto lacks (SHA-3, brainpool, Ed448, DSA, legacy PKCS#12),
        // registered into CMSCore at run time. CMSCore itself never links libcrypto.
        .target(
            name: "CMSCoreOpenSSL",
            dependencies: ["CMSCore", "COpenSSL", .product(name: "SwiftASN1", package: "swift-asn1")],
            swiftSettings: strictSettings,
            linkerSettings: [.linkedLibrary("crypto", .when(platforms: libcryptoLinked))]
        ),
        .target(
            name: "TimestampClient",
            dependencies: [
                "CMSCore",
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // System zlib (Debian: zlib1g-dev) for FlateDecode streams. Not named `CZlib`: ZIPFoundation
        // (LegalRetention's export) ships a module of that name.
        .systemLibrary(name: "CSystemZlib", path: "Sources/CSystemZlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        .target(
            name: "PDFSign",
            dependencies: [
                "CMSCore", "TimestampClient", "CSystemZlib",
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ContractModel",
            dependencies: [
                "PDFSign", "CMSCore", "TimestampClient",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The embedded SQLite stores (GRDB), in their own target so apps that do not want
        // SQLite never build it.
        .target(
            name: "ContractStoreSQLite",
            dependencies: ["ContractModel", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        // The PostgreSQL stores (postgres-nio), in their own product so apps that do not want
        // PostgreSQL never build it. `PostgresSupport/` inside is the shared plumbing
        // (configuration, client lifecycle, migrations) that LegalRetention can reuse.
        .target(
            name: "ContractStorePostgres",
            dependencies: [
                "ContractModel",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The 電子帳簿保存法 archive: model, normalisation, encryption, retention, protocols. No database.
        .target(
            name: "LegalRetention",
            dependencies: [
                "ContractModel", "PDFSign", "EvidenceRecords", "TimestampClient",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: strictSettings
        ),
        // The archive's embedded index (SQLite through GRDB, WAL).
        .target(
            name: "LegalRetentionSQLite",
            dependencies: ["LegalRetention", "ContractModel", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        // The archive's PostgreSQL index and blob store (postgres-nio), for several app processes on several machines.
        .target(
            name: "LegalRetentionPostgres",
            dependencies: ["LegalRetention", "ContractModel", "ContractStorePostgres", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: strictSettings
        ),
        // RFC 4998 evidence records: hash trees over many documents under one timestamp, renewals,
        // verification. Its own module so any module (LegalRetention, apps) can use it without PDF.
        .target(
            name: "EvidenceRecords",
            dependencies: [
                "CMSCore", "TimestampClient",
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "EContractKit",
            dependencies: ["CMSCore", "TimestampClient", "PDFSign", "ContractModel", "LegalRetention", "EvidenceRecords"],
            swiftSettings: strictSettings
        ),
        // The embedded contract environment the CLI and the SigningPortal example share: sandbox
        // PKI and TSA, SQLite store, B-LTA completion and the completion certificate. Not a product.
        .target(
            name: "ContractDefaults",
            dependencies: [
                "ContractModel", "ContractStoreSQLite", "PDFSign", "CMSCore", "TimestampClient",
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "econtract",
            dependencies: [
                "EContractKit", "ContractDefaults", "ContractStoreSQLite", "CMSCorePKCS11", "LegalRetentionSQLite", "EvidenceRecords",
                .target(name: "CMSCoreOpenSSL", condition: .when(platforms: [.linux])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings + econtractReleaseCompiling,
            linkerSettings: econtractReleaseLinking
        ),
        .executableTarget(
            name: "CMSBenchmark",
            dependencies: [
                "CMSCore",
                .target(name: "CMSCoreOpenSSL", condition: .when(platforms: [.linux])),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            path: "Benchmarks/CMSBenchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "SignContract", dependencies: ["PDFSign", "CMSCore", "TimestampClient"],
            path: "Examples/SignContract", swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "VerifyContract", dependencies: ["PDFSign", "CMSCore"],
            path: "Examples/VerifyContract", swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "RemoteSigning", dependencies: ["PDFSign", "CMSCore"],
            path: "Examples/RemoteSigning", swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "ComposeDocument", dependencies: ["PDFSign"],
            path: "Examples/ComposeDocument", swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "ContractWorkflowExample",
            dependencies: ["ContractModel", "PDFSign", "CMSCore", "TimestampClient",
                           .product(name: "X509", package: "swift-certificates"), .product(name: "Logging", package: "swift-log")],
            path: "Examples/ContractWorkflow", swiftSettings: strictSettings
        ),
        // Examples/SigningPortal: the web signing portal (Hummingbird), a library for its tests and a thin executable.
        .target(
            name: "SigningPortalApp",
            dependencies: [
                "ContractDefaults", "ContractModel", "ContractStoreSQLite", "LegalRetention", "LegalRetentionSQLite", "PDFSign", "CMSCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Examples/SigningPortal/Sources/SigningPortalApp",
            resources: [.copy("Resources/openapi.json"), .copy("Resources/portal.css")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "SigningPortal",
            dependencies: ["SigningPortalApp", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Examples/SigningPortal/Sources/SigningPortal", swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "TimestampFile",
            dependencies: ["CMSCore", "TimestampClient"],
            path: "Examples/TimestampFile",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "TimestampBenchmark",
            dependencies: ["TimestampClient", "CMSCore", "LoopbackServer"],
            path: "Benchmarks/TimestampBenchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "PKCS11Benchmark",
            dependencies: [
                "CMSCorePKCS11", "CMSCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            path: "Benchmarks/PKCS11Benchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "PDFSignBenchmark",
            dependencies: ["PDFSign", "CMSCore", "TimestampClient", "TestSupport", .product(name: "_CryptoExtras", package: "swift-crypto")],
            path: "Benchmarks/PDFSignBenchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "ContractBenchmark",
            dependencies: ["ContractModel", "ContractStoreSQLite", "PDFSign", "CMSCore", "TimestampClient", "TestSupport",
                           .product(name: "X509", package: "swift-certificates"), .product(name: "GRDB", package: "GRDB.swift")],
            path: "Benchmarks/ContractBenchmark",
            swiftSettings: strictSettings
        ),
        // Shared test support, not a product: running external tools without blocking the
        // concurrency pool, and the in-process test PKI. Only test targets depend on it.
        .target(
            name: "TestSupport",
            dependencies: [
                "CMSCore", "TimestampClient",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: strictSettings
        ),
        // Test and benchmark support, not a product: a loopback-only HTTP server (Hummingbird 2)
        // for the HTTP client tests and the TSA benchmark.
        .target(
            name: "LoopbackServer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/LoopbackServer",
            swiftSettings: strictSettings
        ),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "TimestampClientTests",
            dependencies: ["TimestampClient", "CMSCore", "LoopbackServer", "TestSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PDFSignTests",
            dependencies: ["PDFSign", "CMSCore", "TimestampClient", "TestSupport", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ContractModelTests",
            dependencies: [
                "TestSupport",
                "ContractModel", "ContractStoreSQLite", "ContractStorePostgres", "PDFSign", "CMSCore", "TimestampClient",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Test support, not a product: one OS process signing as witness participants on a PostgreSQL
        // or SQLite store (ContractModelTests' "two processes" test spawns two; the crash test kills one).
        .executableTarget(
            name: "ContractStoreProbe",
            dependencies: ["ContractModel", "ContractStorePostgres", "ContractStoreSQLite", "CMSCore", .product(name: "X509", package: "swift-certificates")],
            path: "Tests/ContractStoreProbe",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LegalRetentionTests",
            dependencies: [
                "LegalRetention", "LegalRetentionSQLite", "LegalRetentionPostgres", "ContractStorePostgres", "ContractModel", "PDFSign", "TestSupport",
                "EvidenceRecords", "TimestampClient", "CMSCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "ArchiveBenchmark",
            dependencies: ["LegalRetention", "LegalRetentionSQLite", "ContractModel", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Benchmarks/ArchiveBenchmark",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CMSCorePKCS11Tests",
            dependencies: [
                "CMSCorePKCS11", "CMSCore", "PDFSign", "TimestampClient", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CMSCoreOpenSSLTests",
            dependencies: [
                .target(name: "CMSCoreOpenSSL", condition: .when(platforms: [.linux])), "CMSCore", "PDFSign", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            // The CLI's own logic (its executable target, @testable): the `pdf sign` fast path against ArgumentParser.
            name: "econtractTests",
            dependencies: ["econtract", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EvidenceRecordsTests",
            dependencies: ["EvidenceRecords", "CMSCore", "TimestampClient", "TestSupport", .product(name: "X509", package: "swift-certificates")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "EvidenceRecordBenchmark",
            dependencies: ["EvidenceRecords", "PDFSign", "CMSCore", "TimestampClient", "TestSupport"],
            path: "Benchmarks/EvidenceRecordBenchmark",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SigningPortalTests",
            dependencies: [
                "SigningPortalApp", "ContractModel", "PDFSign", "CMSCore", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CMSCoreTests",
            dependencies: ["CMSCore", "LoopbackServer", "TestSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
    ]
)

// libFuzzer targets: only with ECONTRACT_FUZZ=1 and `--sanitize=fuzzer` (see .ci/fuzz), so
// that normal builds never see a second entry point.
if ProcessInfo.processInfo.environment["ECONTRACT_FUZZ"] == "1" {
    package.targets.append(
        .executableTarget(
            name: "CMSParserFuzzer",
            dependencies: ["CMSCore"],
            path: "Fuzz/CMSParserFuzzer",
            swiftSettings: strictSettings + [.unsafeFlags(["-parse-as-library"])]
        ))
    package.targets.append(
        .executableTarget(
            name: "PDFReaderFuzzer",
            dependencies: ["PDFSign"],
            path: "Fuzz/PDFReaderFuzzer",
            swiftSettings: strictSettings + [.unsafeFlags(["-parse-as-library"])]
        ))
    package.targets.append(
        .executableTarget(
            name: "PDFValidatorFuzzer",
            dependencies: ["PDFSign"],
            path: "Fuzz/PDFValidatorFuzzer",
            swiftSettings: strictSettings + [.unsafeFlags(["-parse-as-library"])]
        ))
}

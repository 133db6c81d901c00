// swift-tools-version:6.0
import PackageDescription

// VoxPop takes no Swift package dependencies: Foundation, Dispatch, Glibc and the
// system's SQLite are all it builds on (see docs/architecture.md).
let package = Package(
    name: "VoxPop",
    products: [
        .executable(name: "voxpop", targets: ["voxpop"])
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "VoxPopFoundation"),
        .target(name: "VoxPopCounting", dependencies: ["VoxPopFoundation"]),
        .target(name: "VoxPopCampaigns", dependencies: ["VoxPopCounting", "VoxPopFoundation"]),
        .target(name: "VoxPopStore", dependencies: ["CLibPQ", "CSQLite", "VoxPopFoundation"]),
        // libpq is dlopen'ed at run time (docs/postgres-client.md): no headers, no link flag for it.
        // glibc 2.34+ has dlopen in libc; "dl" keeps older glibc linking and is an empty archive here.
        .target(name: "CLibPQ", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "CVoxPopLinux"),
        .target(name: "VoxPopHTTP", dependencies: ["CVoxPopLinux"]),
        .target(
            name: "VoxPopEngine",
            dependencies: ["VoxPopCampaigns", "VoxPopCounting", "VoxPopFoundation", "VoxPopStore"]),
        .target(
            name: "VoxPopWeb",
            dependencies: ["VoxPopCampaigns", "VoxPopCounting", "VoxPopEngine", "VoxPopFoundation", "VoxPopHTTP"]),
        .executableTarget(
            name: "voxpop",
            dependencies: [
                "VoxPopCampaigns", "VoxPopCounting", "VoxPopEngine", "VoxPopFoundation", "VoxPopHTTP", "VoxPopStore",
                "VoxPopWeb",
            ]),
        .executableTarget(
            name: "load-generator",
            dependencies: ["CVoxPopLinux", "VoxPopWeb"],
            path: "tools/load-generator"
        ),
        .executableTarget(
            name: "campaign-file-generator",
            dependencies: ["VoxPopCampaigns"],
            path: "tools/campaign-file-generator"
        ),
        .executableTarget(
            name: "counting-benchmark",
            dependencies: ["VoxPopCounting"],
            path: "tools/counting-benchmark"
        ),
        .executableTarget(
            name: "store-benchmark",
            dependencies: ["VoxPopCampaigns", "VoxPopEngine", "VoxPopFoundation", "VoxPopStore"],
            path: "tools/store-benchmark"
        ),
        .executableTarget(
            name: "postgres-benchmark",
            dependencies: ["VoxPopStore"],
            path: "tools/postgres-benchmark"
        ),
        .testTarget(name: "VoxPopFoundationTests", dependencies: ["VoxPopFoundation", "VoxPopTestSupport"]),
        .testTarget(name: "VoxPopCountingTests", dependencies: ["VoxPopCounting"], exclude: ["Fixtures"]),
        .testTarget(name: "VoxPopCampaignsTests", dependencies: ["VoxPopCampaigns"], exclude: ["Fixtures"]),
        .testTarget(name: "VoxPopStoreTests", dependencies: ["VoxPopStore", "VoxPopTestSupport"]),
        .testTarget(name: "VoxPopPostgresTests", dependencies: ["VoxPopStore"]),
        .target(
            name: "VoxPopTestSupport",
            dependencies: ["VoxPopCampaigns", "VoxPopEngine", "VoxPopFoundation", "VoxPopStore"],
            path: "Tests/VoxPopTestSupport"),
        .testTarget(name: "VoxPopHTTPTests", dependencies: ["VoxPopHTTP", "VoxPopTestSupport"]),
        .testTarget(
            name: "VoxPopEngineTests",
            dependencies: ["VoxPopCampaigns", "VoxPopEngine", "VoxPopFoundation", "VoxPopStore", "VoxPopTestSupport"]),
        .testTarget(
            name: "VoxPopWebTests",
            dependencies: [
                "VoxPopCampaigns", "VoxPopEngine", "VoxPopFoundation", "VoxPopHTTP", "VoxPopStore", "VoxPopTestSupport",
                "VoxPopWeb",
            ]),
        .testTarget(name: "voxpopTests", dependencies: ["voxpop", "VoxPopTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

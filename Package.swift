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
        .target(name: "VoxPopCounting"),
        .target(name: "VoxPopCampaigns", dependencies: ["VoxPopCounting"]),
        .target(name: "VoxPopStore", dependencies: ["CSQLite", "VoxPopCampaigns", "CLibPQ"]),
        // libpq is dlopen'ed at run time (docs/postgres-client.md): no headers, no link flag for it.
        // glibc 2.34+ has dlopen in libc; "dl" keeps older glibc linking and is an empty archive here.
        .target(name: "CLibPQ", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "CVoxPopLinux"),
        .target(name: "VoxPopHTTP", dependencies: ["CVoxPopLinux"]),
        .target(
            name: "VoxPopEngine", dependencies: ["VoxPopCampaigns", "VoxPopCounting", "VoxPopStore", "VoxPopHTTP"]),
        .executableTarget(
            name: "voxpop",
            dependencies: ["VoxPopCampaigns", "VoxPopCounting", "VoxPopStore", "VoxPopEngine", "VoxPopHTTP"]),
        .executableTarget(
            name: "load-generator",
            dependencies: ["CVoxPopLinux", "VoxPopEngine"],
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
            dependencies: ["VoxPopCampaigns", "VoxPopEngine", "VoxPopStore"],
            path: "tools/store-benchmark"
        ),
        .executableTarget(
            name: "postgres-benchmark",
            dependencies: ["VoxPopStore"],
            path: "tools/postgres-benchmark"
        ),
        .testTarget(name: "VoxPopCountingTests", dependencies: ["VoxPopCounting"], exclude: ["Fixtures"]),
        .testTarget(name: "VoxPopCampaignsTests", dependencies: ["VoxPopCampaigns"], exclude: ["Fixtures"]),
        .testTarget(name: "VoxPopStoreTests", dependencies: ["VoxPopStore"]),
        .testTarget(name: "VoxPopPostgresTests", dependencies: ["VoxPopStore"]),
        .target(name: "VoxPopTestSupport", path: "Tests/VoxPopTestSupport"),
        .testTarget(name: "VoxPopHTTPTests", dependencies: ["VoxPopHTTP", "VoxPopTestSupport"]),
        .testTarget(name: "VoxPopEngineTests", dependencies: ["VoxPopEngine", "VoxPopHTTP", "VoxPopTestSupport"]),
        .testTarget(name: "voxpopTests", dependencies: ["voxpop", "VoxPopTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

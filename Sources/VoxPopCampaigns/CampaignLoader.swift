import Foundation

/// Loads campaign files and directories of them, reporting every problem across all of them.
///
/// A directory contributes each `*.json` file directly inside it, in name order, except JSON
/// Schemas (`*.schema.json`). Campaign ids must be unique across everything loaded together.
public enum CampaignLoader {
    public struct Loaded: Sendable {
        /// The campaigns that have no problem, with the file each came from.
        public var campaigns: [(file: String, campaign: Campaign)]
        /// Every problem found, sorted by file, line and column.
        public var problems: [CampaignProblem]
        /// How many campaign files were read.
        public var fileCount: Int
    }

    public static func load(paths: [String]) -> Loaded {
        var files: [String] = []
        var problems: [CampaignProblem] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(
                    CampaignProblem(file: path, line: 1, column: 1, path: "$", message: "no such file or directory"))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            let campaignNames = names.filter {
                $0.hasSuffix(".json") && !$0.hasSuffix(".schema.json") && !$0.hasPrefix(".")
            }.sorted()
            if campaignNames.isEmpty {
                problems.append(
                    CampaignProblem(
                        file: path, line: 1, column: 1, path: "$",
                        message: "no campaign files (*.json) in this directory"))
            }
            let directory = path.hasSuffix("/") ? path : path + "/"
            files += campaignNames.map { directory + $0 }
        }

        var campaigns: [(file: String, campaign: Campaign)] = []
        var firstFileForID: [String: (file: String, line: Int, column: Int)] = [:]
        for file in files {
            let data: Data
            do {
                // FileHandle, unlike FileManager.contents, also reads pipes such as /dev/stdin.
                let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
                defer { try? handle.close() }
                data = try handle.readToEnd() ?? Data()
            } catch {
                let reason = (error as NSError).localizedFailureReason ?? error.localizedDescription
                problems.append(
                    CampaignProblem(
                        file: file, line: 1, column: 1, path: "$", message: "cannot read the file: \(reason)"))
                continue
            }
            // Relative media paths name files in the media folder beside the campaign file.
            let folder = (file as NSString).deletingLastPathComponent
            let media = URL(fileURLWithPath: folder.isEmpty ? "media" : folder + "/media")
            var decoder = CampaignDecoder(file: file, bytes: Array(data), mediaDirectory: media)
            let campaign = decoder.decode()
            problems += decoder.problems
            if let campaign, let idOffset = decoder.campaignIDOffset {
                let (line, column) = decoder.source.lineAndColumn(of: idOffset)
                if let first = firstFileForID[campaign.id] {
                    problems.append(
                        CampaignProblem(
                            file: file, line: line, column: column, path: "$.id",
                            message:
                                "campaign id \"\(campaign.id)\" is also used by \(first.file):\(first.line):\(first.column); each campaign needs its own id"
                        ))
                    continue
                }
                firstFileForID[campaign.id] = (file, line, column)
                campaigns.append((file, campaign))
            }
        }
        return Loaded(campaigns: campaigns, problems: problems.sorted(), fileCount: files.count)
    }

    /// Reads one campaign from bytes already in memory; `file` names it in problems. Relative
    /// media paths are checked against `mediaDirectory` when it is given.
    public static func decode(_ bytes: [UInt8], file: String, mediaDirectory: URL? = nil) -> (
        campaign: Campaign?, problems: [CampaignProblem]
    ) {
        var decoder = CampaignDecoder(file: file, bytes: bytes, mediaDirectory: mediaDirectory)
        let campaign = decoder.decode()
        return (campaign, decoder.problems.sorted())
    }
}

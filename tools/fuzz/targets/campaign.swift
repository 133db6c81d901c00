// libFuzzer target: the campaign-file reader and validator.
//
// Oracle beyond "no crash": a file is either a campaign or a list of problems, never both
// missing (a silent refusal would leave a marketer guessing).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCampaign(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let (campaign, problems) = CampaignLoader.decode(bytes, file: "fuzz.json")
    precondition(campaign != nil || !problems.isEmpty, "refused without saying why")
    return 0
}

// Writes a large, valid campaign file to stdout, for measuring `voxpop check` on big inputs.
//
//     swift run -c release campaign-file-generator 50000 > /tmp/big.json
//
// The argument is the number of options (default 50,000); each option carries a label and a
// description, and one in five an image, as a big drawings campaign would.
import Foundation

let optionCount = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 50_000 : 50_000
var out = """
    {
      "id": "big-drawings",
      "title": {"sv": "Stora teckningstävlingen", "en": "The big drawing contest"},
      "timeZone": "Europe/Stockholm",
      "audience": {"identity": "open"},
      "ballots": [
        {
          "id": "drawings",
          "question": {"sv": "Vilka teckningar ska bli leksaker?", "en": "Which drawings become toys?"},
          "method": "stv",
          "seats": 10,
          "opens": "2026-09-01T09:00",
          "closes": "2026-09-15T18:00",
          "options": [

    """
for index in 0..<optionCount {
    let separator = index + 1 < optionCount ? "," : ""
    // About 100 bytes an option, so 50,000 options make the 5 MB file of issue 2; one in five has a picture.
    let media = index % 5 == 0 ? #", "media": {"type": "image", "url": "https://cdn.example.com/d/\#(index).png"}"# : ""
    out +=
        #"        {"id": "drawing-\#(index)", "label": "Drawing \#(index)", "description": "By a child aged \#(4 + index % 9)"\#(media)}\#(separator)"#
    out += "\n"
}
out += """
          ]
        }
      ]
    }

    """
FileHandle.standardOutput.write(out.data(using: .utf8)!)

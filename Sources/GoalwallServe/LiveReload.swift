import Foundation

/// Live reload. Every page the server sends carries a small script that listens on an
/// event stream (Server-Sent Events): "reload" after a good rebuild, "broken" after a failed
/// one. The script exists only in served pages; built files never have it.
enum LiveReload {
    static let eventsPath = "/_goalwall/live"
    static let errorsPath = "/_goalwall/errors"

    /// On "broken", a page shows the error page in place of its body; the kiosk ignores it
    /// and keeps its last good wall. On "reload", every page reloads.
    static let script = """
        <script>/* goalwall serve: live reload (served pages only; not in the built site) */
        (function () {
          if (!window.EventSource) return;
          var kiosk = document.body.classList.contains("kiosk");
          var source = new EventSource("\(eventsPath)");
          source.addEventListener("reload", function () { location.reload(); });
          source.addEventListener("broken", function () {
            if (kiosk) return;
            fetch("\(errorsPath)", { cache: "no-store" })
              .then(function (response) { return response.text(); })
              .then(function (html) {
                var page = new DOMParser().parseFromString(html, "text/html");
                document.title = page.title;
                page.head.querySelectorAll("style").forEach(function (style) {
                  document.head.appendChild(document.adoptNode(style));
                });
                document.body.replaceWith(document.adoptNode(page.body));
              });
          });
        }());
        </script>

        """

    /// The page with the script before its last `</body>` (at the end when it has none).
    static func inject(into page: Data) -> Data {
        let tag = Data("</body>".utf8)
        var result = page
        if let range = page.range(of: tag, options: .backwards) {
            result.replaceSubrange(range.lowerBound..<range.lowerBound, with: Data(script.utf8))
        } else {
            result.append(Data(script.utf8))
        }
        return result
    }
}

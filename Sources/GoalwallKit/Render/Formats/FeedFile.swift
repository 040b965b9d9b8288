/// feed.xml: every listed check-in as an entry of an Atom feed (RFC 4287), newest first.
struct FeedFile {
    let wall: Wall

    /// One check-in's entry; `order` keeps a goal's check-ins of one day in document order.
    struct Entry: Sendable {
        var date: Day
        var slug: String
        var order: Int
        var xml: String
    }

    func render() -> String { render(entries: wall.goals.map(entries)) }

    private var base: String {
        wall.settings.baseURL.hasSuffix("/") ? wall.settings.baseURL : wall.settings.baseURL + "/"
    }

    private var site: String { slugify(wall.settings.title).isEmpty ? "goals" : slugify(wall.settings.title) }

    /// A goal's check-ins as feed entries.
    func entries(_ standing: Standing) -> [Entry] {
        let (base, site) = (self.base, self.site)
        let goal = standing.goal
        var entries: [Entry] = []
        var sameDay: [Day: Int] = [:]
        for (order, checkIn) in standing.checkIns.enumerated() {
            let n = sameDay[checkIn.date, default: 0] + 1
            sameDay[checkIn.date] = n
            let title =
                checkIn.title.isEmpty ? "\(goal.title) — \(checkIn.date)" : "\(goal.title) — \(checkIn.title)"
            let author = goal.owner ?? goal.team ?? wall.settings.title
            let xml = [
                "  <entry>\n",
                "    <title>\(xmlEscape(title))</title>\n",
                "    <id>tag:goalwall,2000:\(site):\(goal.slug):\(checkIn.date):\(n)</id>\n",
                "    <updated>\(checkIn.date)T00:00:00Z</updated>\n",
                "    <link rel=\"alternate\" type=\"text/html\" href=\"\(xmlEscape(base + "goals/\(goal.slug)/"))\"/>\n",
                "    <author><name>\(xmlEscape(author))</name></author>\n",
                "    <content type=\"html\">\(xmlEscape(WallPages.taskWords(checkIn.html)))</content>\n",
                "  </entry>\n",
            ].joined()
            entries.append(Entry(date: checkIn.date, slug: goal.slug, order: order, xml: xml))
        }
        return entries
    }

    /// The feed from each goal's entries, newest first.
    func render(entries perGoal: [[Entry]]) -> String {
        let (base, site) = (self.base, self.site)
        var entries = perGoal.flatMap { $0 }
        entries.sort { ($1.date, $0.slug, $0.order) < ($0.date, $1.slug, $1.order) }
        let updated = entries.first?.date ?? wall.asOf
        let head = [
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(xmlEscape(Language.current.tag))\">\n",
            "  <title>\(xmlEscape(say("feedTitle", ["title": wall.settings.title])))</title>\n",
            "  <id>tag:goalwall,2000:\(site):feed</id>\n",
            "  <updated>\(updated)T00:00:00Z</updated>\n",
            "  <link rel=\"alternate\" type=\"text/html\" href=\"\(xmlEscape(base))\"/>\n",
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(xmlEscape(base + "feed.xml"))\"/>\n",
            "  <author><name>\(xmlEscape(wall.settings.title))</name></author>\n",
            "  <generator>goalwall</generator>\n",
        ]
        // Put together at its final size: the feed of a large wall is tens of megabytes.
        return (head + entries.map(\.xml) + ["</feed>\n"]).joined()
    }
}

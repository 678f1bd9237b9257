import Registry

/// The public site's words, in Chinese (the default) and English (`/en/`), and the last
/// guard on free text: a title that someone typed a phone or ID-card number into shows it
/// masked.
struct PublicText: Sendable {
    /// `zh` or `en`.
    let language: String

    var isEnglish: Bool { language == "en" }

    /// The word for `key`.
    subscript(_ key: String) -> String {
        (isEnglish ? Self.english[key] : Self.chinese[key]) ?? key
    }

    static let chinese: [String: String] = [
        "site": "三张清单公示", "demands": "需求清单", "resources": "资源清单", "projects": "项目清单", "reports": "季度汇报",
        "areas": "街道和社区", "all": "全部", "category": "类别", "area": "区域", "filter": "筛选", "next": "下一页",
        "first": "第一页", "status": "状态", "filed": "提出日期", "due": "期限", "quantity": "数量", "place": "地点",
        "unit": "责任单位", "offeredBy": "提供单位", "pledged": "认领", "remaining": "剩余", "available": "可用期",
        "budget": "预算", "progress": "进度", "starts": "开工", "completed": "完工", "checked": "验收", "rating": "居民评价",
        "milestones": "节点", "reports-progress": "进度报告", "history": "办理经过", "servedBy": "服务项目", "serves": "服务需求",
        "none": "暂无", "published": "已公示的季度汇报", "noReports": "暂无已公示的季度汇报", "version": "版本",
        "notice": "公示栏", "scan": "扫码查看本社区公示", "language": "English", "home": "首页", "kind": "种类",
        "noPersonal": "本站不公开任何个人信息。", "items": "条", "notFound": "没有这一页", "badRequest": "请求有误",
    ]

    static let english: [String: String] = [
        "site": "Three lists: public disclosure", "demands": "Demands", "resources": "Resources", "projects": "Projects",
        "reports": "Quarterly reports", "areas": "Streets and communities", "all": "All", "category": "Category", "area": "Area",
        "filter": "Filter", "next": "Next page", "first": "First page", "status": "Status", "filed": "Raised", "due": "Due",
        "quantity": "Quantity", "place": "Place", "unit": "Responsible unit", "offeredBy": "Offered by", "pledged": "Pledged",
        "remaining": "Remaining", "available": "Available", "budget": "Budget", "progress": "Progress", "starts": "Starts",
        "completed": "Completed", "checked": "Checked", "rating": "Residents' rating", "milestones": "Milestones",
        "reports-progress": "Progress reports", "history": "History", "servedBy": "Served by projects", "serves": "Serves demands",
        "none": "None", "published": "Published quarterly reports", "noReports": "No quarterly report published yet",
        "version": "Version", "notice": "Notice board", "scan": "Scan for this community's disclosures", "language": "中文",
        "home": "Home", "kind": "Kind", "noPersonal": "This site shows no personal information.", "items": "items",
        "notFound": "No such page", "badRequest": "Bad request",
    ]

    /// A demand's public status, a project's or resource's status, in this language.
    func status(_ code: String) -> String {
        if let s = try? PublicStatus(parsing: code) { return isEnglish ? s.englishName : s.chineseName }
        if let s = try? ProjectStatus(parsing: code) { return isEnglish ? s.englishName : s.chineseName }
        if let s = try? ResourceStatus(parsing: code) { return isEnglish ? s.englishName : s.chineseName }
        return code
    }

    func kind(_ code: String) -> String {
        (try? ResourceKind(parsing: code)).map { isEnglish ? $0.englishName : $0.chineseName } ?? code
    }

    /// An amount in its unit (yuan from fen).
    func amount(_ value: Int64, _ unit: String) -> String {
        guard let u = try? MeasureUnit(parsing: unit) else { return String(value) }
        return isEnglish ? u.englishText(value) : u.chineseText(value)
    }

    /// `text` with every number that could be a person's phone or ID-card number replaced by
    /// `***`: a run of seven or more digits, counting full-width digits and allowing single
    /// spaces, hyphens or dots between them (`138 1234 5678`, `0915-5212345`), and an
    /// ID-card number's final `X`.
    static func masked(_ text: String) -> String {
        let characters = Array(text)
        func digit(_ c: Character) -> Bool {
            guard let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1 else { return false }
            return ("0"..."9").contains(scalar) || ("\u{FF10}"..."\u{FF19}").contains(scalar)
        }
        let separators: Set<Character> = [" ", "-", ".", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{FF0D}", "\u{3000}"]
        var out = "", i = 0
        while i < characters.count {
            guard digit(characters[i]) else {
                out.append(characters[i])
                i += 1
                continue
            }
            // The run: digits, and single separators that have a digit on each side.
            var end = i, digits = 0
            while end < characters.count {
                if digit(characters[end]) {
                    digits += 1
                    end += 1
                } else if separators.contains(characters[end]), end + 1 < characters.count, digit(characters[end + 1]) {
                    end += 1
                } else {
                    break
                }
            }
            if digits >= 7 {
                out += "***"
                if end < characters.count, digits == 17, characters[end] == "X" || characters[end] == "x" || characters[end] == "\u{FF38}" {
                    end += 1
                }
            } else {
                out += String(characters[i..<end])
            }
            i = end
        }
        return out
    }
}

import Foundation
public import Registry

/// The steps of a request (代办件) an agent carries for a resident.
public enum RequestStep: String, WorkflowStep, Hashable, Codable, CaseIterable {
    public static let subject = WorkflowSubject(chinese: "代办件", english: "request", field: "step")

    /// Taken from the resident, documents being gathered: the deadline runs. 已受理
    case received
    /// Handed to the department that decides it. 已报送
    case submitted
    /// The department granted it. 已办结
    case completed
    /// The department refused it, with its reason. 部门不予办理
    case refused
    /// The result (and the documents) went back to the resident. 已送达群众
    case returned

    /// 已受理, 已报送, 已办结, 不予办理, 已送达.
    public var chineseName: String {
        switch self {
        case .received: "已受理"
        case .submitted: "已报送"
        case .completed: "已办结"
        case .refused: "不予办理"
        case .returned: "已送达"
        }
    }

    /// received → submitted → completed or refused → returned; returned is final.
    public var allowedNext: [RequestStep] {
        switch self {
        case .received: [.submitted]
        case .submitted: [.completed, .refused]
        case .completed, .refused: [.returned]
        case .returned: []
        }
    }

    /// Still with the agent or the department: the deadline matters.
    public var isOpen: Bool { self == .received || self == .submitted }
}

/// Where an item is handled: at the town's service centre or at the village's service point.
public enum ServiceLevel: String, Sendable, Hashable, Codable, CaseIterable {
    /// 镇级: the town's convenience service centre (便民服务中心).
    case town
    /// 村级: the village's proxy service point (便民帮代办点).
    case village

    /// 镇级, 村级.
    public var chineseName: String { self == .town ? "镇级" : "村级" }

    /// Reads the code or the Chinese name (镇级 / 镇, 村级 / 村).
    public init?(parsing text: String) {
        switch text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
        case "town", "镇级", "镇": self = .town
        case "village", "村级", "村": self = .village
        default: return nil
        }
    }
}

/// How an item's deadline counts days.
public enum DeadlineKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// 工作日: Monday to Friday.
    case working
    /// 自然日: every day.
    case calendar

    /// 工作日, 自然日.
    public var chineseName: String { self == .working ? "工作日" : "自然日" }

    /// Reads the code or the Chinese name (工作日, 自然日 / 日 / 天).
    public init?(parsing text: String) {
        switch text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
        case "working", "工作日": self = .working
        case "calendar", "自然日", "日", "天": self = .calendar
        default: return nil
        }
    }
}

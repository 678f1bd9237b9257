public import Foundation

/// The id of a tenant (a district): a UUID.
///
/// A typealias, not a wrapper: nothing else in the domain is a UUID, so there is nothing to
/// confuse it with, and `UUID` already binds to PostgreSQL's `uuid` and encodes as a string.
/// Random UUIDs (rather than a sequence) let tenants be created on any node of a
/// distributed (Citus) deployment.
public typealias TenantID = UUID

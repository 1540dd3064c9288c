package gameserver

// Known values of Session.Status and SessionSummary.Status. The field is a
// free string: the live API and its documentation spell the same state
// differently, and new values may appear, so compare with care and decide
// readiness from Session.Ready and Session.Error instead.
const (
	// StatusWaiting is a session waiting for a deployment.
	StatusWaiting = "Waiting"
	// StatusReady is a ready session, as live traffic spells it.
	StatusReady = "Ready"
	// StatusReadyDocumented is a ready session, as the vendor's examples
	// spell it.
	StatusReadyDocumented = "Status.READY"
	// StatusLinked is a session linked to a deployment.
	StatusLinked = "Linked"
	// StatusUnprocessable is a session that could not be matched to a
	// deployment; Session.Error says why.
	StatusUnprocessable = "Unprocessable"
	// StatusError is a session that failed; Session.Error says why.
	StatusError = "Error"
)

// Known values of Session.Kind and SessionSummary.Kind, a free string.
const (
	// KindSeat is a seat session (players join seats of a deployment), as
	// live traffic spells it; the vendor's examples say "SEAT".
	KindSeat = "Seat"
	// KindDefault is a default session, as the vendor's examples spell it.
	KindDefault = "DEFAULT"
	// KindMatch is a match session (a group of players deployed together),
	// as the vendor's examples spell it.
	KindMatch = "MATCH"
)

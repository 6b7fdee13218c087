export default class R { onRunComplete() { } getLastError() { return undefined; } }

// Errors the HTTP layer raises itself (busy workspace, unknown route, bad upload), carried to onError with their status and the offending field.

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    /** the request field at fault (query parameter, path parameter or body property), when one is */
    field?: string;
    issues?: { field: string; message: string }[];
  };
}

export class ApiError extends Error {
  readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503;
  readonly code: string;
  readonly field: string | undefined;
  readonly retryAfter: number | undefined;

  constructor(status: ApiError['status'], code: string, message: string, opts: { field?: string; retryAfter?: number } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = opts.field;
    this.retryAfter = opts.retryAfter;
  }

  body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.field !== undefined ? { field: this.field } : {}) } };
  }
}

// Typed errors thrown by services; one middleware turns them into pages.

export class AppError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export type FieldErrors = Record<string, string>;

export class ValidationError extends AppError {
  constructor(
    readonly errors: FieldErrors,
    message = 'Periksa kembali isian yang ditandai.',
  ) {
    super(422, message);
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = 'Silakan masuk terlebih dahulu.') {
    super(401, message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'Anda tidak berhak membuka halaman ini.') {
    super(403, message);
  }
}
export class NotFoundError extends AppError {
  constructor(message = 'Data tidak ditemukan.') {
    super(404, message);
  }
}
export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, message);
  }
}
export class TooManyRequestsError extends AppError {
  constructor(message: string) {
    super(429, message);
  }
}

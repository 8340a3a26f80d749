/** Who is calling, as the JWT guard puts it on the request. */
export interface AuthUser {
  id: string;
  email: string;
  isAdmin: boolean;
}

export interface JwtClaims {
  sub: string;
}

@findface
Feature: FindFace Multi API authentication
  API clients log in with HTTP Basic credentials and a device uuid, get a token, send it as
  "Authorization: Token <token>", and log out. The plain scenarios assert only what FindFace
  documents: the status codes its API declares (a login answers 200 or 401; a request without a
  valid token gets 401; a logout 204) and the fields of its answers. The scenarios tagged
  strict_observed check what real servers answer beyond that (the error "code" and "param",
  the 400 for a bad uuid): they run on the simulator, and in the lab only with
  findface.strict_observed = true. Those tagged password_login run where a password alone logs
  in (password, face_or_password). The one tagged token_expiry waits for a token to expire: in the
  lab it runs only where the server's sessions are short (a couple of minutes at most), which is
  decided before it logs in.

  @password_login
  Scenario: Log in with Basic credentials and a device uuid
    When the API user logs in from a new device
    Then the login succeeds with a token, the user and an expiry date
    And the expiry date is in the future, within the server's maximum session length

  @password_login
  Scenario: The token authenticates the API user
    Given the API user is logged in from a new device
    When the API user asks who they are with the new device's token
    Then the server answers 200 with the same user

  Scenario Outline: A request without a valid token is refused: <case>
    When <request>
    Then the server answers 401

    Examples:
      | case                    | request                                               |
      | no Authorization header | the API user asks who they are without credentials     |
      | an unknown token        | the API user asks who they are with an unknown token   |
      | a malformed token       | the API user asks who they are with a malformed token  |
      | a logout without token  | the API user logs out without a token                  |

  @strict_observed
  Scenario Outline: A refusal for want of a valid token carries the code UNAUTHORIZED: <case>
    When <request>
    Then the server answers 401 "UNAUTHORIZED"

    Examples:
      | case                    | request                                               |
      | no Authorization header | the API user asks who they are without credentials     |
      | an unknown token        | the API user asks who they are with an unknown token   |
      | a malformed token       | the API user asks who they are with a malformed token  |

  @password_login
  Scenario Outline: A login without valid credentials is refused: <case>
    When <request>
    Then the server answers 401
    And the answer holds no token

    Examples:
      | case                    | request                                                |
      | a wrong password        | the API user logs in with a wrong password              |
      | no Authorization header | the API user logs in without an Authorization header    |

  @password_login
  Scenario: A device uuid of exactly 256 characters is accepted
    When the API user logs in and the device uuid is 256 characters long
    Then the login succeeds with a token, the user and an expiry date

  @password_login
  Scenario Outline: A login whose device uuid is <uuid> is refused
    When the API user logs in and the device uuid is <uuid>
    Then the login is refused

    Examples:
      | uuid                |
      | missing             |
      | empty               |
      | 257 characters long |

  @password_login @strict_observed
  Scenario Outline: A login whose device uuid is <uuid> is answered 400 BAD_PARAM naming uuid
    When the API user logs in and the device uuid is <uuid>
    Then the server answers 400 "BAD_PARAM" naming "uuid"

    Examples:
      | uuid                |
      | missing             |
      | empty               |
      | 257 characters long |

  @password_login
  Scenario: Logging out ends that token only
    Given the API user is logged in from two devices
    When the API user logs out on the first device
    Then the server answers 204
    And the first device's token is refused with 401
    And the second device's token still works

  @password_login @token_expiry
  Scenario: An expired token is refused
    Given the API user is logged in from a new device
    When the new device's token has expired
    Then the new device's token is refused with 401

@findface
Feature: FindFace Multi API authentication
  API clients log in with HTTP Basic credentials and a device uuid, get a token, send it as
  "Authorization: Token <token>", and log out. Only what FindFace documents is asserted: the
  status, the error code and the field it names.

  Background:
    Given the FindFace server uses "password" authentication

  Scenario: Log in with Basic credentials and a device uuid
    When the API user logs in from a new device
    Then the login succeeds with a token, the user and an expiry date
    And the expiry date is in the future, within the server's maximum session length

  Scenario: The token authenticates the API user
    Given the API user is logged in from a new device
    When the API user asks who they are with the token
    Then the server answers 200 with the same user

  Scenario Outline: Requests without valid credentials are refused: <case>
    When <request>
    Then the server answers 401 "UNAUTHORIZED"

    Examples:
      | case                    | request                                               |
      | no Authorization header | the API user asks who they are without credentials     |
      | a wrong password        | the API user logs in with a wrong password             |
      | an unknown token        | the API user asks who they are with an unknown token   |
      | a malformed token       | the API user asks who they are with a malformed token  |

  Scenario Outline: A login whose device uuid is <uuid> is refused
    When the API user logs in and the device uuid is <uuid>
    Then the server answers 400 "BAD_PARAM" naming "uuid"

    Examples:
      | uuid                |
      | missing             |
      | empty               |
      | 257 characters long |

  Scenario: Logging out ends that token only
    Given the API user is logged in from two devices
    When the API user logs out on the first device
    Then the server answers 204
    And the first device's token is refused with 401 "UNAUTHORIZED"
    And the second device's token still works

  Scenario: A session shows in the session list, and deleting it revokes its token
    Given the API user is logged in from two devices
    When the API user lists the sessions with the second device's token
    Then the first device's session is in the list
    When the API user deletes the first device's session with the second device's token
    Then the server answers 204
    And the first device's token is refused with 401 "UNAUTHORIZED"
    And the second device's token still works

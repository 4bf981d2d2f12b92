@findface @face_and_password
Feature: FindFace Multi two-factor login (face and password)
  With "face_and_password" authentication, the face alone gives only an inactive token; the
  password login must carry it as "video_auth_token" to get a working token. What status an
  inactive token is refused with is not documented: 401 is checked only as strict_observed.

  Scenario: A password login without the face token is refused
    When the API user logs in from a new device
    Then the login is refused

  Scenario: The inactive token from the face alone is refused
    Given the API user has shown their face from a new device
    When the API user asks who they are with the new device's token
    Then the request is refused

  @strict_observed
  Scenario: The inactive token from the face alone is answered 401
    Given the API user has shown their face from a new device
    When the API user asks who they are with the new device's token
    Then the server answers 401

  Scenario: Basic credentials plus the face token succeed
    Given the API user has shown their face from a new device
    When the API user logs in from that device with its face token
    Then the login succeeds with a token, the user and an expiry date
    When the API user asks who they are with the new device's token
    Then the server answers 200 with the same user

@findface
Feature: FindFace Multi two-factor login (face and password)
  With "face_and_password" authentication, the face alone gives only an inactive token; the
  password login must carry it as "video_auth_token" to get a working token.

  Background:
    Given the FindFace server uses "face_and_password" authentication

  Scenario: A password login without the face token is refused
    When the API user logs in from a new device
    Then the login is refused

  Scenario: The inactive token from the face alone is refused
    Given the API user has shown their face from a new device
    When the API user asks who they are with the face token
    Then the server answers 401 "UNAUTHORIZED"

  Scenario: Basic credentials plus the face token succeed
    Given the API user has shown their face from a new device
    When the API user logs in with the face token
    Then the login succeeds with a token, the user and an expiry date
    When the API user asks who they are with the token
    Then the server answers 200 with the same user

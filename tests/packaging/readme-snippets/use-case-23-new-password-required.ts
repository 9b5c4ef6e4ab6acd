// amazon-cognito-identity-js README, Use case 23: the snippet as written there, with the
// import changed; lines marked CHANGED are edits strict TypeScript needs. Declarations above
// the marker stand for what the README defines elsewhere.
import * as AmazonCognitoIdentity from 'cognito-identity-wasm';
declare const authenticationDetails: AmazonCognitoIdentity.AuthenticationDetails;
declare const mfaCode: string;

// ---- README snippet ----

    // CHANGED: typed (TypeScript cannot infer the type of a variable assigned elsewhere):
    var cognitoUser!: AmazonCognitoIdentity.CognitoUser, sessionUserAttributes: any; // global variables to handle completeNewPasswordChallenge flow

    // ...

    cognitoUser.authenticateUser(authenticationDetails, {
        onSuccess: function (result) {
            // User authentication was successful
        },

        onFailure: function(err) {
            // User authentication was not successful
        },

        mfaRequired: function(codeDeliveryDetails) {
            // MFA is required to complete user authentication.
            // Get the code from user and call
            cognitoUser.sendMFACode(mfaCode, this)
        },

        newPasswordRequired: function(userAttributes, requiredAttributes) {
            // User was signed up by an admin and must provide new
            // password and required attributes, if any, to complete
            // authentication.

            // the api doesn't accept this field back
            delete userAttributes.email_verified;

            // store userAttributes on global variable
            sessionUserAttributes = userAttributes;
        }
    });

    // ... handle new password flow on your app
    // CHANGED: a method outside its class in the README; here a function:
    function handleNewPassword(newPassword: string) {
      cognitoUser.completeNewPasswordChallenge(newPassword, sessionUserAttributes);
    }


// amazon-cognito-identity-js README, Use case 8: the snippet as written there, with the
// import changed; lines marked CHANGED are edits strict TypeScript needs. Declarations above
// the marker stand for what the README defines elsewhere.
import * as AmazonCognitoIdentity from 'cognito-identity-wasm';
declare const cognitoUser: AmazonCognitoIdentity.CognitoUser;

// ---- README snippet ----
var attributeList = [];
// CHANGED: the README declares `attribute` twice with two types; the data is `attributeData` here.
var attributeData = {
	Name: 'nickname',
	Value: 'joe',
};
var attribute = new AmazonCognitoIdentity.CognitoUserAttribute(attributeData);
attributeList.push(attribute);

cognitoUser.updateAttributes(attributeList, function (err, result) {
	if (err) {
		alert(err.message || JSON.stringify(err));
		return;
	}
	console.log('call result: ' + result);
});

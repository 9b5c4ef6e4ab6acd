// The webpack.config.js of amazon-cognito-identity-js's README ("Using NPM and Webpack"),
// plus `mode`. Nothing about WebAssembly: the package needs no loader, plugin or experiment.
module.exports = {
	// Example setup for your project:
	// The entry module that requires or imports the rest of your project.
	// Must start with `./`!
	entry: './src/entry.js',
	// Place output files in `./dist/my-app.js`
	output: {
		path: __dirname + '/dist',
		filename: 'my-app.js',
	},
	mode: 'production',
};
